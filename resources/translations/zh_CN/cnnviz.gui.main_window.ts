<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.gui.main_window</name>
    <message>
      <location filename="cnnviz/gui/main_window.py" />
      <source>a model that contains code</source>
      <translation>包含代码的模型</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/main_window.py" />
      <source>Opening it imports the file, which runs its code on this computer</source>
      <translation>打开它会导入该文件，并在这台计算机上运行其中的代码</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/main_window.py" />
      <source>This file contains code that will run on this computer when it is loaded</source>
      <translation>该文件包含代码，加载时会在这台计算机上运行</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/main_window.py" />
      <source>Load a model that contains code?</source>
      <translation>加载包含代码的模型？</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/main_window.py" />
      <source>{path}

{what} ({kind}). Load it only if you trust where it came from; you are asked again if the file changes.

Load it?</source>
      <translation>{path}

{what}（{kind}）。只有在信任其来源时才加载；文件改动后会再次询问。

要加载吗？</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/main_window.py" />
      <source>opening {name}: one model at a time ({others} not opened)</source>
      <translation>正在打开 {name}：一次只能打开一个模型（未打开 {others}）</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/main_window.py" />
      <source>cannot open {what}: only image files and images can be opened</source>
      <translation>无法打开 {what}：只能打开图像文件和图像</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/main_window.py" />
      <source>cannot open that: only image files and images can be opened</source>
      <translation>无法打开：只能打开图像文件和图像</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/main_window.py" />
      <source>{label}: the image is empty</source>
      <translation>{label}：图像是空的</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/main_window.py" />
      <source>Open images</source>
      <translation>打开图像</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/main_window.py" />
      <source>Images ({pattern});;All files (*)</source>
      <translation>图像 ({pattern});;所有文件 (*)</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/main_window.py" />
      <source>Save screenshot</source>
      <translation>保存截图</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/main_window.py" />
      <source>PNG images (*.png)</source>
      <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/main_window.py" />
      <source>{path}: could not write the screenshot</source>
      <translation>{path}：无法写入截图</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/main_window.py" />
      <source>About cnnviz</source>
      <translation>关于 cnnviz</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/main_window.py" />
      <source>&lt;b&gt;cnnviz {version}&lt;/b&gt;&lt;p&gt;See inside convolutional neural networks: feature maps of every layer, Inception branches, residual paths, attribution, what a unit looks for, and the course's lessons.&lt;/p&gt;</source>
      <translation>&lt;b&gt;cnnviz {version}&lt;/b&gt;&lt;p&gt;看见卷积神经网络的内部：每一层的特征图、Inception 模块的分支、残差路径、归因、单元在寻找什么，以及课程的各节课。&lt;/p&gt;</translation>
    </message>
  </context>
</TS>
