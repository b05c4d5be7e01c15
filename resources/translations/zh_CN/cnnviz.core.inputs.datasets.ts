<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.core.inputs.datasets</name>
    <message>
      <location filename="cnnviz/core/inputs/datasets.py" />
      <source>the validation fraction must be between 0 and 1 (exclusive), not {value}</source>
      <translation>验证集比例必须在 0 到 1 之间（不含两端），而不是 {value}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/inputs/datasets.py" />
      <source>unknown dataset '{name}': use {names} or a folder with one sub-folder of images per class</source>
      <translation>未知的数据集“{name}”：请用 {names}，或一个每个类别一个图像子文件夹的文件夹</translation>
    </message>
    <message>
      <location filename="cnnviz/core/inputs/datasets.py" />
      <source>skipped {count} unreadable image(s)</source>
      <translation>跳过了 {count} 张无法读取的图像</translation>
    </message>
    <message>
      <location filename="cnnviz/core/inputs/datasets.py" />
      <source>{dataset}: too few images ({count}) to split into training and validation sets</source>
      <translation>{dataset}：图像太少（{count} 张），无法分成训练集和验证集</translation>
    </message>
    <message>
      <location filename="cnnviz/core/inputs/datasets.py" />
      <source>validation uses the official test set</source>
      <translation>验证使用官方测试集</translation>
    </message>
    <message>
      <location filename="cnnviz/core/inputs/datasets.py" />
      <source>{source}-channel images repeated to RGB for a {channels}-channel model</source>
      <translation>{source} 通道图像已复制成 RGB，以适配 {channels} 通道的模型</translation>
    </message>
    <message>
      <location filename="cnnviz/core/inputs/datasets.py" />
      <source>{source}-channel images converted to grey by luminance for a {channels}-channel model</source>
      <translation>{source} 通道图像已按亮度转为灰度，以适配 {channels} 通道的模型</translation>
    </message>
    <message>
      <location filename="cnnviz/core/inputs/datasets.py" />
      <source>the digits dataset needs scikit-learn (pip install scikit-learn)</source>
      <translation>digits 数据集需要 scikit-learn（pip install scikit-learn）</translation>
    </message>
    <message>
      <location filename="cnnviz/core/inputs/datasets.py" />
      <source>reading {path} cancelled</source>
      <translation>已取消读取 {path}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/inputs/datasets.py" />
      <source>{folder}: none of its {count} image file(s) could be read</source>
      <translation>{folder}：其中 {count} 个图像文件一个也读不出来</translation>
    </message>
    <message>
      <location filename="cnnviz/core/inputs/datasets.py" />
      <source>{path}: not a folder (a dataset folder holds one sub-folder of images per class)</source>
      <translation>{path}：不是文件夹（数据集文件夹里每个类别一个图像子文件夹）</translation>
    </message>
    <message>
      <location filename="cnnviz/core/inputs/datasets.py" />
      <source>{path}: cannot read the folder ({why})</source>
      <translation>{path}：无法读取该文件夹（{why}）</translation>
    </message>
    <message>
      <location filename="cnnviz/core/inputs/datasets.py" />
      <source>{path}: no class sub-folders; put the images of each class in a sub-folder named after the class</source>
      <translation>{path}：没有类别子文件夹；请把每个类别的图像放进以该类别命名的子文件夹</translation>
    </message>
    <message>
      <location filename="cnnviz/core/inputs/datasets.py" />
      <source>{path}: class folder(s) without images: {names}</source>
      <translation>{path}：以下类别文件夹中没有图像：{names}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/inputs/datasets.py" />
      <source>{path}: only one class ({name}); training a classifier needs at least two class sub-folders</source>
      <translation>{path}：只有一个类别（{name}）；训练分类器至少需要两个类别子文件夹</translation>
    </message>
  </context>
</TS>
