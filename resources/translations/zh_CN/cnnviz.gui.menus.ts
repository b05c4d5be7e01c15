<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.gui.menus</name>
    <message>
      <location filename="cnnviz/gui/menus.py" />
      <source>&amp;File</source>
      <translation>文件(&amp;F)</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/menus.py" />
      <source>&amp;Open images…</source>
      <translation>打开图像(&amp;O)…</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/menus.py" />
      <source>Open &amp;recent</source>
      <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/menus.py" />
      <source>&amp;Paste image</source>
      <translation>粘贴图像(&amp;P)</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/menus.py" />
      <source>Open &amp;video…</source>
      <translation>打开视频(&amp;V)…</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/menus.py" />
      <source>&amp;Camera</source>
      <translation>摄像头(&amp;C)</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/menus.py" />
      <source>&amp;Samples</source>
      <translation>示例图像(&amp;S)</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/menus.py" />
      <source>Open &amp;model…</source>
      <translation>打开模型(&amp;M)…</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/menus.py" />
      <source>Re&amp;load model</source>
      <translation>重新加载模型(&amp;L)</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/menus.py" />
      <source>Pre&amp;vious image</source>
      <translation>上一张图像(&amp;V)</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/menus.py" />
      <source>&amp;Next image</source>
      <translation>下一张图像(&amp;N)</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/menus.py" />
      <source>Save &amp;screenshot…</source>
      <translation>保存截图(&amp;S)…</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/menus.py" />
      <source>&amp;Quit</source>
      <translation>退出(&amp;Q)</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/menus.py" />
      <source>&amp;View</source>
      <translation>视图(&amp;V)</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/menus.py" />
      <source>&amp;Reset layout</source>
      <translation>重置布局(&amp;R)</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/menus.py" />
      <source>&amp;Language</source>
      <translation>语言(&amp;L)</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/menus.py" />
      <source>L&amp;essons</source>
      <translation>课程(&amp;E)</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/menus.py" />
      <source>&amp;Help</source>
      <translation>帮助(&amp;H)</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/menus.py" />
      <source>&amp;About cnnviz</source>
      <translation>关于 cnnviz(&amp;A)</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/menus.py" />
      <source>Follow the system</source>
      <translation>跟随系统</translation>
    </message>
  </context>
</TS>
