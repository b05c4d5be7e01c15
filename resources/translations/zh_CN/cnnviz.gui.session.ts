<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.gui.session</name>
    <message>
      <location filename="cnnviz/gui/session.py" />
      <source>{path}: is a folder; open or drop image files instead</source>
      <translation>{path}：这是一个文件夹；请打开或拖入图像文件</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/session.py" />
      <source>no such file</source>
      <translation>文件不存在</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/session.py" />
      <source>{path}: {problem}</source>
      <translation>{path}：{problem}</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/session.py" />
      <source>{path}: not an image file (unknown type '{suffix}')</source>
      <translation>{path}：不是图像文件（未知类型 '{suffix}'）</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/session.py" />
      <source>{name} is {kind}: loading it runs code stored in the file; pass --trust-code only if you trust where it came from</source>
      <translation>{name} 是{kind}：加载它会运行文件中保存的代码；只有在信任其来源时才加上 --trust-code</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/session.py" />
      <source>its code may run only with --trust-code</source>
      <translation>它的代码只有加上 --trust-code 才能运行</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/session.py" />
      <source>{name} was not loaded: it holds code, which was not allowed to run</source>
      <translation>未加载 {name}：它包含代码，而这些代码未获准运行</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/session.py" />
      <source>its code was not allowed to run</source>
      <translation>它的代码未获准运行</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/session.py" />
      <source>no model to reload</source>
      <translation>没有可重新加载的模型</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/session.py" />
      <source>nothing to open</source>
      <translation>没有可打开的内容</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/session.py" />
      <source>skipped {count} item(s): {first}</source>
      <translation>跳过了 {count} 项：{first}</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/session.py" />
      <source>pasted image</source>
      <translation>粘贴的图像</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/session.py" />
      <source>video frame</source>
      <translation>视频帧</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/session.py" />
      <source>unknown colour map '{name}'</source>
      <translation>未知的颜色映射 '{name}'</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/session.py" />
      <source>{model} on {device}: {note}</source>
      <translation>{model}（{device}）：{note}</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/session.py" />
      <source>{model}: no layer summary ({reason})</source>
      <translation>{model}：没有各层的概要（{reason}）</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/session.py" />
      <source>{failed} could not be loaded ({reason}); showing {fallback} instead</source>
      <translation>无法加载 {failed}（{reason}）；改为显示 {fallback}</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/session.py" />
      <source>downloaded {path}</source>
      <translation>已下载 {path}</translation>
    </message>
  </context>
</TS>
